/**
 * ZoneTrust registrar SPI: the {@link org.zonetrust.registrar.RegistrarDsUpdater} that keeps a
 * zone's DS records right at its parent, the parent observer that confirms them by DNS, and the
 * built-in adapters (EPP, HTTP, DNS UPDATE, CDS), found by {@link java.util.ServiceLoader}.
 */
module org.zonetrust.registrar {
  requires transitive org.zonetrust.core;
  requires transitive org.dnsjava;
  requires java.net.http;
  requires org.slf4j;
  requires java.xml;
  requires static transitive org.jspecify;

  exports org.zonetrust.registrar;
  exports org.zonetrust.registrar.spi;
  exports org.zonetrust.registrar.http;

  uses org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider;

  provides org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider with
      org.zonetrust.registrar.internal.epp.EppProvider,
      org.zonetrust.registrar.internal.http.HttpRegistrarProvider,
      org.zonetrust.registrar.internal.dnsupdate.DnsUpdateProvider,
      org.zonetrust.registrar.internal.cds.CdsProvider;
}
