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

    /** A subscriber about whose connection nothing is known: always writable, never seen to close. */
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
    };
}
