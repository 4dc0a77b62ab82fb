package shop.backorders.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;

/**
 * A response as rest-assured's JsonPath, which answers a plain path ("order.lines[0].id"; a field of a list of
 * objects is the list of each one's) by walking the parsed response: rest-assured compiles a Groovy script for
 * every path it is asked, and that was most of the CPU time the tests spent on their own side. Anything else
 * (closures, method calls, negative indexes, a path through null or through nested lists) it still answers.
 */
public final class ResponsePath extends JsonPath {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PLAIN = Pattern.compile(NAME + "(?:\\[\\d+])*(?:\\." + NAME + "(?:\\[\\d+])*)*");
    private static final Pattern STEP = Pattern.compile("(" + NAME + ")|\\[(\\d+)]");
    /** Names Groovy reads as its own words, not as fields. */
    private static final Set<String> GROOVY_WORDS = Set.of("as", "assert", "break", "case", "catch", "class", "const",
            "continue", "def", "default", "do", "else", "enum", "extends", "false", "finally", "for", "goto", "if",
            "implements", "import", "in", "instanceof", "interface", "new", "null", "package", "return", "super",
            "switch", "this", "throw", "throws", "trait", "true", "try", "var", "while", "yield", "record", "sealed",
            "permits");
    /** What walking gives when rest-assured must answer. */
    private static final Object ASK_GROOVY = new Object();

    /** The same response without a root path: its "$" is the whole parsed response, made anew on each call. */
    private final JsonPath whole;
    private String rootPath = "";

    public ResponsePath(String json) {
        super(json);
        this.whole = new JsonPath(json);
    }

    @Override
    public JsonPath setRootPath(String rootPath) {
        this.rootPath = rootPath;
        return super.setRootPath(rootPath);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String path) {
        String full = withRoot(path);
        if (PLAIN.matcher(full).matches()) {
            Object value = walk(whole.get("$"), full);
            if (value != ASK_GROOVY) {
                return (T) value;
            }
        }
        return super.get(path);
    }

    /** The path rest-assured would evaluate: the root path, then the path. */
    private String withRoot(String path) {
        if (rootPath.isEmpty()) {
            return path;
        }
        return rootPath.endsWith(".") || path.startsWith("[") ? rootPath + path : rootPath + "." + path;
    }

    private static Object walk(Object node, String path) {
        Object current = node;
        Matcher step = STEP.matcher(path);
        while (step.find()) {
            String name = step.group(1);
            if (name != null) {
                if (GROOVY_WORDS.contains(name)) {
                    return ASK_GROOVY;
                }
                if (current instanceof Map<?, ?> object) {
                    current = object.get(name);
                } else if (current instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                    List<Object> each = new ArrayList<>(list.size());
                    list.forEach(element -> each.add(((Map<?, ?>) element).get(name)));
                    current = each;
                } else {
                    return ASK_GROOVY;
                }
            } else {
                int index = Integer.parseInt(step.group(2));
                if (!(current instanceof List<?> list) || index >= list.size()) {
                    return ASK_GROOVY;
                }
                current = list.get(index);
            }
        }
        return current;
    }
}
