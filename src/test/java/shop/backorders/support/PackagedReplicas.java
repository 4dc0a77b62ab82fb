package shop.backorders.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicas of the packaged service on the {@link PackagedDatabase}, shared by the *IT tests of a run (failsafe
 * runs them one after another in one JVM): each start costs seconds of the build. Stopped when the JVM ends.
 */
public final class PackagedReplicas {

    /** Not the default size, so that LargeDocumentsIT sees the setting reach SmallRye in the packaged service. */
    public static final int DOCUMENT_CACHE_SIZE = 24;

    private static final Map<String, PackagedService> STARTED = new LinkedHashMap<>();

    private PackagedReplicas() {
    }

    /** The replicas of these names, ready; those not running yet are started together. */
    public static synchronized List<PackagedService> ready(String... names) throws Exception {
        List<PackagedService> replicas = new ArrayList<>();
        for (String name : names) {
            if (!STARTED.containsKey(name)) {
                if (STARTED.isEmpty()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(PackagedReplicas::stopAll));
                }
                STARTED.put(name, PackagedService.start(name, PackagedDatabase.get().getPort(),
                        Map.of("SHOP_GRAPHQL_DOCUMENT_CACHE_SIZE", Integer.toString(DOCUMENT_CACHE_SIZE))));
            }
            replicas.add(STARTED.get(name));
        }
        for (PackagedService replica : replicas) {
            replica.awaitReady();
        }
        return replicas;
    }

    private static synchronized void stopAll() {
        STARTED.values().forEach(PackagedService::stop);
    }
}
