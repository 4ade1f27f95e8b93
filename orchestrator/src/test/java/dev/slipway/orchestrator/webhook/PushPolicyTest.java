package dev.slipway.orchestrator.webhook;

import dev.slipway.orchestrator.Refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the unsigned URL may decide, with the app's own secret and with the shared one. */
class PushPolicyTest {

    private static final PushEvent SHOP_MAIN = new PushEvent("https://git.example.com/o/shop.git", "main", "main", false, "shop");
    private static final PushEvent SHOP_WIP = new PushEvent("https://git.example.com/o/shop.git", "wip", "main", false, "shop");

    @Test
    void theSharedSecretDeploysTheDefaultBranchIntoTheAppNamedAsTheRepository() {
        assertEquals(PushPolicy.Outcome.deploy("main"), PushPolicy.decide("shop", null, false, SHOP_MAIN));
        assertEquals(PushPolicy.Outcome.deploy("main"), PushPolicy.decide("shop", null, false,
                new PushEvent("u", "main", "main", false, "Shop")));
        assertEquals(PushPolicy.Outcome.ignore("the push went to wip; shop deploys main"),
                PushPolicy.decide("shop", null, false, SHOP_WIP));
    }

    @Test
    void aDeliveryReplayedToAnotherAppsUrlIsRefusedWithTheSharedSecret() {
        PushPolicy.Outcome outcome = PushPolicy.decide("bank", null, false, SHOP_MAIN);
        assertEquals(Refused.Kind.FORBIDDEN, outcome.refusal());
        assertTrue(outcome.message().contains("\"shop\" is not \"bank\""), outcome.message());
    }

    @Test
    void aBranchInTheUrlNeedsTheAppsOwnSecret() {
        assertEquals(Refused.Kind.INVALID, PushPolicy.decide("shop", "wip", false, SHOP_WIP).refusal());
        assertEquals(PushPolicy.Outcome.deploy("wip"), PushPolicy.decide("shop", "wip", true, SHOP_WIP));
    }

    @Test
    void theAppsOwnSecretBindsTheAppWhateverTheRepositoryIsCalled() {
        assertEquals(PushPolicy.Outcome.deploy("main"), PushPolicy.decide("storefront", null, true, SHOP_MAIN));
        assertEquals("nothing to deploy: the push deleted main; storefront deploys main",
                PushPolicy.decide("storefront", null, true, new PushEvent("u", "main", "main", true, "shop")).message());
    }
}
