package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zonetrust.acme.CertificateKeyType;

class CertificateKeysTest {

  @ParameterizedTest
  @EnumSource(
      value = CertificateKeyType.class,
      names = {"EC_P256", "EC_P384", "RSA_2048"})
  void csrCarriesEveryNameAndIsSignedByTheKey(CertificateKeyType type) throws Exception {
    KeyPair kp = CertificateKeys.generate(type);
    if (type.isRsa()) {
      assertThat(((RSAPublicKey) kp.getPublic()).getModulus().bitLength()).isEqualTo(type.bits());
    } else {
      assertThat(((ECPublicKey) kp.getPublic()).getParams().getCurve().getField().getFieldSize())
          .isEqualTo(type.bits());
    }
    List<String> names = List.of("example.test", "*.example.test", "www.other.test");
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(CertificateKeys.csr(kp, names));

    assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(kp.getPublic())))
        .isTrue();
    assertThat(csr.getSubject().toString()).isEqualTo("CN=example.test");
    Extensions ext =
        Extensions.getInstance(
            csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues()
                .getObjectAt(0));
    List<String> sans = new ArrayList<>();
    for (GeneralName n :
        GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames()) {
      assertThat(n.getTagNo()).isEqualTo(GeneralName.dNSName);
      sans.add(n.getName().toString());
    }
    assertThat(sans).containsExactlyElementsOf(names);
  }
}
