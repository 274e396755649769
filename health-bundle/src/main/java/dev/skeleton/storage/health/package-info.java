/**
 * Felix Health Checks of the storage platform, each a Declarative Services component providing
 * {@code org.apache.felix.hc.api.HealthCheck} with the tag {@value dev.skeleton.storage.health.Settings#TAG}
 * ({@code hc:exec storage} runs them all):
 * <ul>
 *   <li>{@link dev.skeleton.storage.health.StoresAvailableCheck}: every store the multistore knows
 *       can be used now;</li>
 *   <li>{@link dev.skeleton.storage.health.EnginesPresentCheck}: every engine a store names is
 *       registered;</li>
 *   <li>{@link dev.skeleton.storage.health.DiskFloorCheck}: the file system of the stores' folder
 *       has free space above a floor;</li>
 *   <li>{@link dev.skeleton.storage.health.EngineMetricsCheck}: the file engine's recent log force
 *       time and its checkpoint age stay within limits.</li>
 * </ul>
 * Each component class only wires (the multistore reference, the configuration); a plain class
 * next to it does the judging, so that it can be tested without a framework. The limits come from
 * the configuration PID {@value dev.skeleton.storage.health.Settings#PID} (see
 * {@link dev.skeleton.storage.health.Settings}).
 *
 * <p>Private to the bundle: nothing here is exported. The component classes are public only
 * because Declarative Services instantiates them.
 */
package dev.skeleton.storage.health;
