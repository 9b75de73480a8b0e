/**
 * Pavilions: the fenced container sites a city watches, as described by the YAML files in
 * {@code camera-config/}. This module owns the configuration schema, its validation (errors name
 * file, line and field) and the registry of valid pavilions. A broken file disables only its own
 * pavilion. Other modules read pavilions through {@link org.fillwatch.pavilion.Pavilions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pavilions")
package org.fillwatch.pavilion;
