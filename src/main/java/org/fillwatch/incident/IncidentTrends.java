package org.fillwatch.incident;

import java.time.Instant;
import java.util.List;

/**
 * The register seen over a period, for the city administration's trends and the carriers' pickup
 * lists. Periods are half-open ({@code from <= t < to}); which time counts is said per method.
 */
public interface IncidentTrends {

    /** Incidents opened in the period, per carrier and type, with how many of them are resolved or escalated. */
    List<CarrierTypeCount> byCarrierAndType(Instant from, Instant to);

    /**
     * Time from opening to the camera seeing the container emptied (close reason {@code emptied}),
     * of incidents resolved that way in the period: first all carriers together (carrier null), then
     * each carrier. Operators' closes and camera incidents are not pickups and are left out.
     */
    List<PickupTimes> timeToPickup(Instant from, Instant to);

    /**
     * Of the incidents opened in the period whose outcome is known now (resolved, or deadline
     * passed), the share resolved by their deadline: all carriers (carrier null) first, then each.
     */
    List<DeadlineShare> deadlineShare(Instant from, Instant to);

    /** Incidents escalated in the period (deadline passed unresolved), per carrier and type. */
    List<CarrierTypeCount> escalations(Instant from, Instant to);

    /**
     * A carrier's containers to pick up: its fill incidents (FULL, OVERFLOW, FORECAST_FULL,
     * CONTAINER_MISSING) open at some moment of the period, still open ones first, then by deadline,
     * then the more severe type first.
     *
     * @param carrierId null for all carriers
     */
    List<Incident> pickups(String carrierId, Instant from, Instant to);

    /** How many incidents there are now per type and status (the whole register). */
    List<TypeStatusCount> countsByTypeAndStatus();

    record CarrierTypeCount(String carrier, IncidentType type, long incidents, long resolved, long escalated) {
    }

    /**
     * @param carrier       null for all carriers together
     * @param medianSeconds null when there was no pickup (likewise p90Seconds)
     */
    record PickupTimes(String carrier, long pickups, Double medianSeconds, Double p90Seconds) {
    }

    /** @param share met / decided; null when nothing was decided */
    record DeadlineShare(String carrier, long decided, long metDeadline, Double share) {
    }

    record TypeStatusCount(IncidentType type, IncidentStatus status, long incidents) {
    }
}
