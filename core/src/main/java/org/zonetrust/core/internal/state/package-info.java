/**
 * Engines behind {@code org.zonetrust.core.state}: the file layout, record format, locking and
 * lease logic of the embedded file state store. Not exported; may change without notice.
 */
@NullMarked
package org.zonetrust.core.internal.state;

import org.jspecify.annotations.NullMarked;
