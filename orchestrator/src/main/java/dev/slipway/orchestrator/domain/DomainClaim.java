package dev.slipway.orchestrator.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A domain in some app's {@code [proxy] domains}: one app holds it until that app is deleted. */
@Entity
@Table(name = "domain_claims")
public class DomainClaim {

    @Id
    public String domain;

    public String app;

    @Column(name = "claimed_at")
    public Instant claimedAt;
}
