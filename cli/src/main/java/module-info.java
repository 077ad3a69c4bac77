/**
 * The {@code zonetrust} operator command. Exports nothing: it is an application; its commands are
 * opened to picocli, which reads their annotations reflectively.
 */
module org.zonetrust.cli {
  requires org.zonetrust.core;
  requires org.zonetrust.dnssec;
  requires org.zonetrust.registrar;
  requires org.zonetrust.dane;
  requires org.zonetrust.acme;
  requires info.picocli;
  requires static org.jspecify;

  opens org.zonetrust.cli to
      info.picocli;
}
