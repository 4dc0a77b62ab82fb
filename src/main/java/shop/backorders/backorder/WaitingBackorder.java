package shop.backorders.backorder;

/**
 * A waiting backorder and the version of its product's stock when it was read: where a live watch
 * starts, so it can tell which later changes it has already seen.
 */
public record WaitingBackorder(BackorderState state, long productVersion) {
}
