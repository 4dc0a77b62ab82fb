package shop.backorders.live;

/** The connection a live subscription is delivered over, as much of it as a watch needs to know. */
public interface Subscriber {

    /** Whether what is sent now goes out, rather than piling up in a buffer for a client not reading. */
    boolean isWritable();

    /** Runs once, when the connection can take more again (at once if it already can). */
    void onWritable(Runnable action);

    /**
     * Runs once, when the connection is gone (at once if it already is).
     *
     * @return undoes the registration, for a subscription that ends before its connection does
     */
    Runnable onClose(Runnable action);

    /**
     * The client address the connection comes from, as quotas per address count it (an IPv6 /64 network is
     * one address); null if unknown. Behind a proxy, the client's own only where the proxy is trusted to
     * forward it.
     */
    String address();

    /**
     * A subscriber about whose connection nothing is known: always writable, never seen to close, from no
     * known address. Quotas count all such subscribers as one connection.
     */
    Subscriber UNKNOWN = new Subscriber() {
        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void onWritable(Runnable action) {
            action.run();
        }

        @Override
        public Runnable onClose(Runnable action) {
            return () -> {
            };
        }

        @Override
        public String address() {
            return null;
        }
    };
}
