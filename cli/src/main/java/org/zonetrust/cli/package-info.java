/** The {@code zonetrust} operator command: picocli subcommands over the core SPIs. */
@NullMarked
package org.zonetrust.cli;

import org.jspecify.annotations.NullMarked;
