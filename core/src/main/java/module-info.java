/**
 * ZoneTrust core: shared vocabulary and SPIs used by every other ZoneTrust module.
 *
 * <p>Exports the API packages only; {@code org.zonetrust.core.internal} holds the engines.
 */
module org.zonetrust.core {
  requires transitive org.dnsjava;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports org.zonetrust.core;
  exports org.zonetrust.core.dns;
  exports org.zonetrust.core.event;
  exports org.zonetrust.core.state;
}
