package shop.backorders.backorder;

/**
 * A backorder and the version of its product's stock when it was read: where a live watch starts (or
 * starts again after a bulk change), so it can tell which later changes it has already seen.
 */
public record VersionedBackorder(BackorderState state, long productVersion) {
}
