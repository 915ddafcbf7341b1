package io.hotpath.tracker.repository;

import io.hotpath.tracker.gate.ServiceBaseline;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Baselines by (tenant, service). */
@ApplicationScoped
public class BaselineRepository
    implements PanacheRepositoryBase<ServiceBaseline, ServiceBaseline.Key> {}
