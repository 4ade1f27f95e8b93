package dev.slipway.orchestrator.webhook;

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
        assertEquals(200, PushPolicy.decide("shop", null, false, SHOP_WIP).status());
    }

    @Test
    void aDeliveryReplayedToAnotherAppsUrlIsRefusedWithTheSharedSecret() {
        PushPolicy.Outcome outcome = PushPolicy.decide("bank", null, false, SHOP_MAIN);
        assertEquals(403, outcome.status());
        assertTrue(outcome.message().contains("\"shop\" is not \"bank\""), outcome.message());
    }

    @Test
    void aBranchInTheUrlNeedsTheAppsOwnSecret() {
        assertEquals(400, PushPolicy.decide("shop", "wip", false, SHOP_WIP).status());
        assertEquals(PushPolicy.Outcome.deploy("wip"), PushPolicy.decide("shop", "wip", true, SHOP_WIP));
    }

    @Test
    void theAppsOwnSecretBindsTheAppWhateverTheRepositoryIsCalled() {
        assertEquals(PushPolicy.Outcome.deploy("main"), PushPolicy.decide("storefront", null, true, SHOP_MAIN));
        assertEquals("nothing to deploy: the push deleted main; storefront deploys main",
                PushPolicy.decide("storefront", null, true, new PushEvent("u", "main", "main", true, "shop")).message());
    }
}
