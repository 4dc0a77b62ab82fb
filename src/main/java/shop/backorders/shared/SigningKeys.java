package shop.backorders.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The shop's secret for what it hands out and takes back unchanged: links in mails (signed, readable) and
 * quotes (sealed: a shopper's token shows nothing of the shop's counts). A token starts with the id of the key
 * that made it, so during a rotation the previous secret still opens the tokens already handed out; only the
 * current one makes new ones. A sealed token is bound to its purpose: one made for quotes opens as nothing
 * else.
 */
@Startup // a weak secret is refused at start, not at the first mail
@ApplicationScoped
public class SigningKeys {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Made when the service starts, not in a static field: a native image initialises classes when it is built,
     * and a generator seeded then would give every start of the binary the same nonces.
     */
    private final SecureRandom random = new SecureRandom();
    private final Key current;
    private final List<Key> verifying = new ArrayList<>();

    @Inject
    public SigningKeys(ShopConfig config) {
        this(config.links().secret(), config.links().previousSecret().orElse(null),
                LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param previousSecret the secret before a rotation, still accepted to open tokens, never to make them;
     *                       null if none
     * @param production     whether weak and well-known secrets are refused (the packaged service, whatever
     *                       its profile: the dev secret ships inside it)
     */
    public SigningKeys(String secret, String previousSecret, boolean production) {
        this.current = Key.of("SHOP_LINKS_SECRET", secret, production);
        this.verifying.add(current);
        if (previousSecret != null) {
            Key previous = Key.of("SHOP_LINKS_PREVIOUS_SECRET", previousSecret, production);
            if (previous.id().equals(current.id())) {
                throw new IllegalStateException("SHOP_LINKS_PREVIOUS_SECRET is the current secret; set it to the"
                        + " one being replaced, or leave it out");
            }
            verifying.add(previous);
        }
    }

    /** {@code keyId.payload.signature}: the payload readable, HMAC-SHA256 over the first two parts. */
    public String sign(String payload) {
        String signed = current.id() + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(current.mac(signed));
    }

    /** The payload of a token {@link #sign} made with one of the keys; empty if it is not one, or altered. */
    public Optional<String> verified(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        return key(parts[0]).flatMap(key -> {
            String signed = parts[0] + "." + parts[1];
            try {
                return MessageDigest.isEqual(DECODER.decode(parts[2]), key.mac(signed))
                        ? Optional.of(new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8))
                        : Optional.empty();
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        });
    }

    /** {@code keyId.sealed}: the content encrypted and authenticated (AES-256-GCM) under a key for the purpose. */
    public String seal(String purpose, byte[] content) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = current.cipher(Cipher.ENCRYPT_MODE, purpose, nonce).doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
        return current.id() + "." + ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** The content of a token {@link #seal} made for this purpose; empty if it is not one, or altered. */
    public Optional<byte[]> opened(String purpose, String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        return key(parts[0]).flatMap(key -> {
            try {
                byte[] sealed = DECODER.decode(parts[1]);
                if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                    return Optional.empty();
                }
                return Optional.of(key.cipher(Cipher.DECRYPT_MODE, purpose, Arrays.copyOf(sealed, NONCE_BYTES))
                        .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
            } catch (IllegalArgumentException | AEADBadTagException notOneOfOurs) {
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is part of every JVM", e);
            }
        });
    }

    private Optional<Key> key(String id) {
        return verifying.stream().filter(candidate -> candidate.id().equals(id)).findFirst();
    }

    /** A secret, and the id tokens name it by: a short digest, so that none need be configured. */
    private record Key(String id, SecretKeySpec key) {

        private static final String HMAC = "HmacSHA256";
        private static final int MIN_BYTES = 32;
        private static final double MIN_ENTROPY_BITS = 128;
        /** Words of the placeholders in this repository, its examples and the dev profile. */
        private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "example",
                "placeholder", "dev-only", "not-for-production", "secret", "0123456789");

        static Key of(String variable, String secret, boolean production) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw weak(variable, "it is shorter than " + MIN_BYTES + " bytes");
            }
            if (production) {
                String lower = secret.toLowerCase(Locale.ROOT);
                String word = PLACEHOLDER_WORDS.stream().filter(lower::contains).findFirst().orElse(null);
                if (word != null) {
                    throw weak(variable, "it looks like a placeholder (it contains \"" + word + "\")");
                }
                if (entropyBits(secret) < MIN_ENTROPY_BITS) {
                    throw weak(variable, "it repeats too few characters to be random");
                }
            }
            byte[] digest = sha256(bytes);
            return new Key(ENCODER.encodeToString(digest).substring(0, 8), new SecretKeySpec(bytes, HMAC));
        }

        byte[] mac(String signed) {
            return mac(signed.getBytes(StandardCharsets.US_ASCII));
        }

        private byte[] mac(byte[] content) {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(key);
                return mac.doFinal(content);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
            }
        }

        /** AES-GCM under a key of its own for each purpose (derived from the secret), the purpose authenticated. */
        Cipher cipher(int mode, String purpose, byte[] nonce) throws GeneralSecurityException {
            byte[] purposeBytes = ("seal:" + purpose).getBytes(StandardCharsets.UTF_8);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(mac(purposeBytes), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purposeBytes);
            return cipher;
        }

        /** Shannon entropy of the secret's characters times its length: a generous estimate of its randomness. */
        static double entropyBits(String secret) {
            Map<Integer, Long> counts = secret.codePoints().boxed()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long length = secret.codePoints().count();
            return counts.values().stream()
                    .mapToDouble(count -> -count * Math.log((double) count / length) / Math.log(2)).sum();
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }

        private static IllegalStateException weak(String variable, String why) {
            return new IllegalStateException(variable + " is refused: " + why + ". It signs the links in mails and"
                    + " seals quotes: use random text, e.g. $(openssl rand -base64 48), the same on every replica");
        }
    }
}
