package io.distillwatch.hub.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The TLS side of a node talking to a hub: which certificate authorities to trust for the hub's
 * certificate ({@code --hub-ca}: PEM certificates or a PKCS#12 store) and which client certificate to
 * present for mutual TLS ({@code --client-cert}: a PKCS#12 bundle, or a PEM certificate chain with its
 * PEM private key in {@code --client-key}, PKCS#8 or traditional, optionally encrypted). PEM is read
 * with Bouncy Castle. Files are told apart by content, not by name.
 */
public final class ClientTls {

  private ClientTls() {}

  /**
   * An SSL context trusting {@code hubCa} (null: the JVM's default trust store) and presenting the
   * client certificate (null: none).
   *
   * @param clientKey the PEM private key when {@code clientCert} is PEM; null for PKCS#12
   * @param password of the PKCS#12 file or encrypted PEM key (empty: none)
   * @throws IOException a file is unreadable, not PEM/PKCS#12, or the password is wrong
   * @throws IllegalArgumentException the options do not fit together (a PEM certificate without key)
   */
  public static SSLContext context(Path hubCa, Path clientCert, Path clientKey, char[] password) throws IOException {
    try {
      TrustManagerFactory tmf = null;
      if (hubCa != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore(hubCa, password));
      }
      KeyManagerFactory kmf = null;
      if (clientCert != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(clientKeyStore(clientCert, clientKey, password), password);
      } else if (clientKey != null) {
        throw new IllegalArgumentException("--client-key needs --client-cert");
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up failed: " + e.getMessage(), e);
    }
  }

  private static boolean isPem(byte[] content) {
    return new String(content, 0, Math.min(content.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
  }

  private static KeyStore trustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
    byte[] content = Files.readAllBytes(file);
    if (!isPem(content)) {
      KeyStore p12 = pkcs12(content, password, file);
      KeyStore trust = emptyStore();
      for (String alias : java.util.Collections.list(p12.aliases())) {
        java.security.cert.Certificate c = p12.getCertificate(alias);
        if (c != null) {
          trust.setCertificateEntry(alias, c);
        }
      }
      return trust;
    }
    List<X509Certificate> certs = new ArrayList<>();
    readPem(content, file, certs, null);
    if (certs.isEmpty()) {
      throw new IOException(file + " holds no certificate");
    }
    KeyStore trust = emptyStore();
    for (int i = 0; i < certs.size(); i++) {
      trust.setCertificateEntry("ca-" + i, certs.get(i));
    }
    return trust;
  }

  private static KeyStore clientKeyStore(Path certFile, Path keyFile, char[] password)
      throws IOException, GeneralSecurityException {
    byte[] content = Files.readAllBytes(certFile);
    if (!isPem(content)) {
      if (keyFile != null) {
        throw new IllegalArgumentException("--client-key is for a PEM --client-cert; a PKCS#12 file holds its key");
      }
      return pkcs12(content, password, certFile);
    }
    if (keyFile == null) {
      throw new IllegalArgumentException("a PEM --client-cert needs its private key in --client-key");
    }
    List<X509Certificate> chain = new ArrayList<>();
    readPem(content, certFile, chain, null);
    PrivateKey[] key = new PrivateKey[1];
    readPem(Files.readAllBytes(keyFile), keyFile, new ArrayList<>(), new KeySink(key, password));
    if (chain.isEmpty() || key[0] == null) {
      throw new IOException(chain.isEmpty() ? certFile + " holds no certificate" : keyFile + " holds no private key");
    }
    KeyStore ks = emptyStore();
    ks.setKeyEntry("client", key[0], password, chain.toArray(new X509Certificate[0]));
    return ks;
  }

  private record KeySink(PrivateKey[] key, char[] password) {}

  private static void readPem(byte[] content, Path file, List<X509Certificate> certs, KeySink keys)
      throws IOException, GeneralSecurityException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          certs.add(new JcaX509CertificateConverter().getCertificate(h));
        } else if (keys != null && o instanceof PEMKeyPair kp) {
          keys.key()[0] = converter.getPrivateKey(kp.getPrivateKeyInfo());
        } else if (keys != null && o instanceof PrivateKeyInfo info) {
          keys.key()[0] = converter.getPrivateKey(info);
        } else if (keys != null && o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
          keys.key()[0] = converter.getPrivateKey(enc.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider())
                  .build(keys.password())));
        } else if (keys != null && o instanceof PEMEncryptedKeyPair enc) {
          keys.key()[0] = converter.getPrivateKey(enc.decryptKeyPair(
              new JcePEMDecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(keys.password()))
              .getPrivateKeyInfo());
        }
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new IOException(file + ": cannot decrypt the private key (wrong password?)", e);
    } catch (org.bouncycastle.openssl.PEMException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore pkcs12(byte[] content, char[] password, Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(new ByteArrayInputStream(content), password);
    } catch (IOException e) {
      throw new IOException(file + " is neither PEM nor a PKCS#12 file readable with the given password", e);
    }
    return ks;
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    return ks;
  }
}
