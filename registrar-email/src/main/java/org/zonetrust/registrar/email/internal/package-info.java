/** The e-mail adapter's engine; not exported, may change at any time. */
@NullMarked
package org.zonetrust.registrar.email.internal;

import org.jspecify.annotations.NullMarked;
