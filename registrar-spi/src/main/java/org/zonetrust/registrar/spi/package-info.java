/**
 * What an adapter implements: {@link org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider},
 * registered in {@code META-INF/services} (and {@code provides} in {@code module-info.java}).
 */
@NullMarked
package org.zonetrust.registrar.spi;

import org.jspecify.annotations.NullMarked;
