/**
 * The e-mail adapter's names: the settings and secrets a {@code mailto:} {@link
 * org.zonetrust.registrar.RegistrarConfig} may carry (see {@link
 * org.zonetrust.registrar.email.EmailSettings}).
 */
@NullMarked
package org.zonetrust.registrar.email;

import org.jspecify.annotations.NullMarked;
