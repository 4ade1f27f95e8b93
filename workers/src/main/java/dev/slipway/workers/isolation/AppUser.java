package dev.slipway.workers.isolation;

/** The unprivileged OS user an app's code runs as; its primary group has the same name. */
public record AppUser(String name, int uid, int gid) {
}
