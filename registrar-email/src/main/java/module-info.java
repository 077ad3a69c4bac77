/**
 * ZoneTrust e-mail adapter: sends DS change requests (human text plus a machine-readable block,
 * optionally S/MIME-signed) to registrars that take nothing but e-mail, over SMTP with STARTTLS and
 * authentication. Configured by a {@code mailto:} URI; found by {@link java.util.ServiceLoader}.
 */
module org.zonetrust.registrar.email {
  requires org.zonetrust.registrar;
  requires org.dnsjava;
  requires jakarta.mail;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;
  requires org.slf4j;
  requires static org.jspecify;

  exports org.zonetrust.registrar.email;

  provides org.zonetrust.registrar.spi.RegistrarDsUpdaterProvider with
      org.zonetrust.registrar.email.internal.EmailDsUpdaterProvider;
}
