/** The DANE module's engine; not exported, may change at any time. */
@NullMarked
package org.zonetrust.dane.internal;

import org.jspecify.annotations.NullMarked;
