package io.distillwatch.hub.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, made with Bouncy Castle: a CA, a hub certificate for 127.0.0.1
 * signed by it, a member (client) certificate signed by it, and an unrelated "rogue" CA. Files in
 * {@code dir}: {@code ca.pem}, {@code ca.p12}, {@code server.p12}, {@code members-trust.p12},
 * {@code client.pem}, {@code client-key.pem}, {@code client-key-encrypted.pem}, {@code client.p12},
 * {@code rogue-ca.pem}; every password is {@link #PASS}.
 */
public final class TestPki {

  public static final String PASS = "test-pass-123";

  public final Path dir;

  private record Issued(KeyPair keys, X509Certificate cert) {}

  public TestPki(Path dir) throws Exception {
    this.dir = dir;
    Issued ca = issue("CN=DistillWatch test forum CA", null, true);
    Issued server = issue("CN=hub", ca, false);
    Issued client = issue("CN=member", ca, false);
    Issued rogue = issue("CN=Rogue CA", null, true);
    pem("ca.pem", ca.cert());
    pem("rogue-ca.pem", rogue.cert());
    pem("client.pem", client.cert(), ca.cert());
    pem("client-key.pem", new JcaPKCS8Generator(client.keys().getPrivate(), null)); // "PRIVATE KEY", as openssl writes
    try (Writer w = Files.newBufferedWriter(dir.resolve("client-key-encrypted.pem")); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new JcaPKCS8Generator(client.keys().getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(new BouncyCastleProvider()).setPassword(PASS.toCharArray()).build()));
    }
    keyStore("server.p12", server, ca);
    keyStore("client.p12", client, ca);
    trustStore("members-trust.p12", ca.cert());
    trustStore("ca.p12", ca.cert());
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  private static Issued issue(String subject, Issued issuer, boolean isCa) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(256);
    KeyPair keys = kpg.generateKeyPair();
    Instant now = Instant.now();
    X500Name issuerName = issuer == null ? new X500Name(subject) : new X500Name(issuer.cert().getSubjectX500Principal().getName());
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
        BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject),
        keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    java.security.PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    return new Issued(keys, cert);
  }

  private void pem(String name, Object... objects) throws IOException {
    try (Writer w = Files.newBufferedWriter(dir.resolve(name)); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      for (Object o : objects) {
        pem.writeObject(o);
      }
    }
  }

  private void keyStore(String name, Issued entry, Issued ca) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("key", entry.keys().getPrivate(), PASS.toCharArray(), new X509Certificate[] {entry.cert(), ca.cert()});
    save(ks, name);
  }

  private void trustStore(String name, X509Certificate cert) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", cert);
    save(ks, name);
  }

  private void save(KeyStore ks, String name) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
      ks.store(out, PASS.toCharArray());
    }
  }
}
