package io.openfdm.core.status;

/**
 * @param vm            MOID
 * @param name          display name
 * @param host          host it runs on (or last ran on)
 * @param power         {@code poweredOn} or {@code poweredOff}
 * @param protectedByHa in a protectedlist
 * @param priority      restart priority
 * @param homeDatastore home datastore
 * @param restartState  {@code none}, {@code pending}, {@code requested}, {@code waiting-retry},
 *                      {@code failed}
 * @param attempts      restart attempts so far
 */
public record VmStatus(String vm, String name, String host, String power, boolean protectedByHa,
                       String priority, String homeDatastore, String restartState, int attempts) {
}
