/** The engine of {@link org.zonetrust.registrar.ParentObserver}: finding and asking the servers. */
@NullMarked
package org.zonetrust.registrar.internal.observer;

import org.jspecify.annotations.NullMarked;
