package dev.slipway.orchestrator.webhook;

import java.util.Locale;

/**
 * Whether a verified push deploys, and what. The signature covers the body only, not the URL's
 * {@code ?app=} and {@code &branch=}: anyone who saw one signed delivery could send it again to
 * another URL. An app's own secret binds the app (only its secret verifies its URL). With the
 * shared secret the push must name the app itself: the repository's name (GitLab: its path) must
 * be the app's, and only the repository's default branch deploys — a {@code &branch=} needs the
 * app's own secret. Pure.
 */
final class PushPolicy {

    /** Deploy {@code branch}, or answer {@code status} with {@code message} (200 = nothing to deploy). */
    record Outcome(String branch, int status, String message) {
        static Outcome deploy(String branch) {
            return new Outcome(branch, 202, null);
        }

        static Outcome ignore(String why) {
            return new Outcome(null, 200, "nothing to deploy: " + why);
        }

        boolean deploys() {
            return branch != null;
        }
    }

    private PushPolicy() {
    }

    static Outcome decide(String app, String branchParam, boolean ownSecret, PushEvent push) {
        if (!ownSecret) {
            if (branchParam != null) {
                return new Outcome(null, 400, "&branch= is honoured only with the app's own webhook secret (the URL is"
                        + " not signed): set one with PUT /api/apps/" + app + "/webhook, or deploy the default branch");
            }
            if (!push.repository().toLowerCase(Locale.ROOT).equals(app)) {
                return new Outcome(null, 403, "a push signed with the shared secret deploys only into the app named as"
                        + " its repository; \"" + push.repository() + "\" is not \"" + app + "\": set the app's own"
                        + " webhook secret with PUT /api/apps/" + app + "/webhook");
            }
        }
        String wanted = branchParam == null ? push.defaultBranch() : branchParam;
        if (push.deleted() || !push.branch().equals(wanted)) {
            return Outcome.ignore("the push " + (push.deleted() ? "deleted " : "went to ") + push.branch() + "; " + app
                    + " deploys " + wanted);
        }
        return Outcome.deploy(push.branch());
    }
}
