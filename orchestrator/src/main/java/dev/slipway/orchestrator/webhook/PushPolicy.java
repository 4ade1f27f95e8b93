package dev.slipway.orchestrator.webhook;

import dev.slipway.orchestrator.Refused;
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

    /** Deploy {@code branch}, or refuse the delivery, or answer {@code message} (nothing to deploy). */
    record Outcome(String branch, Refused.Kind refusal, String message) {
        static Outcome deploy(String branch) {
            return new Outcome(branch, null, null);
        }

        static Outcome ignore(String why) {
            return new Outcome(null, null, "nothing to deploy: " + why);
        }

        static Outcome refuse(Refused.Kind refusal, String why) {
            return new Outcome(null, refusal, why);
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
                return Outcome.refuse(Refused.Kind.INVALID, "&branch= is honoured only with the app's own webhook secret (the URL is"
                        + " not signed): set one with PUT /api/apps/" + app + "/webhook, or deploy the default branch");
            }
            if (!push.repository().toLowerCase(Locale.ROOT).equals(app)) {
                return Outcome.refuse(Refused.Kind.FORBIDDEN, "a push signed with the shared secret deploys only into the app named as"
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
