package io.hotpath.collector.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Declares, for the OpenAPI document, how agents authenticate. */
@SecurityScheme(
    securitySchemeName = "token",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "An ingest token bound to one tenant. Pyroscope-style Basic auth with the token as the"
            + " password is accepted too.")
public class CollectorApplication extends Application {}
