package io.jparallel.resolver;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.io.xpp3.SettingsXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * What a user's {@code settings.xml} says about resolution, as Maven reads it: the local
 * repository, offline mode, mirrors, proxies and the credentials of servers (mirrors and
 * repositories by id). {@code ${user.home}} and {@code ${env.NAME}} in values are expanded;
 * encrypted passwords are not supported.
 */
record MavenSettings(Settings settings) {
  /** {@code settings.xml}, or empty settings when the file does not exist. */
  static MavenSettings read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return new MavenSettings(new Settings());
    }
    try (Reader r = Files.newBufferedReader(file)) {
      return new MavenSettings(new SettingsXpp3Reader().read(r, false));
    } catch (IOException | XmlPullParserException e) {
      throw new ResolverException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code <localRepository>}, if set. */
  Path localRepository() {
    String local = expand(settings.getLocalRepository());
    return local == null || local.isBlank() ? null : Path.of(local);
  }

  boolean offline() {
    return settings.isOffline();
  }

  MirrorSelector mirrors() {
    DefaultMirrorSelector selector = new DefaultMirrorSelector();
    for (Mirror m : settings.getMirrors()) {
      selector.add(m.getId(), expand(m.getUrl()), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(),
          m.getMirrorOfLayouts());
    }
    return selector;
  }

  ProxySelector proxies() {
    DefaultProxySelector selector = new DefaultProxySelector();
    for (Proxy p : settings.getProxies()) {
      if (!p.isActive()) {
        continue;
      }
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (p.getUsername() != null) {
        auth.addUsername(expand(p.getUsername())).addPassword(expand(p.getPassword()));
      }
      selector.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), expand(p.getHost()), p.getPort(),
          auth.build()), p.getNonProxyHosts());
    }
    return selector;
  }

  AuthenticationSelector servers() {
    DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
    for (Server s : settings.getServers()) {
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (s.getUsername() != null) {
        auth.addUsername(expand(s.getUsername())).addPassword(expand(s.getPassword()));
      }
      if (s.getPrivateKey() != null) {
        auth.addPrivateKey(expand(s.getPrivateKey()), expand(s.getPassphrase()));
      }
      selector.add(s.getId(), auth.build());
    }
    return selector;
  }

  /** Expands {@code ${user.home}}, other system properties and {@code ${env.NAME}}; unknown names stay. */
  static String expand(String value) {
    if (value == null || !value.contains("${")) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      int end = start < 0 ? -1 : value.indexOf('}', start);
      if (start < 0 || end < 0) {
        out.append(value, i, value.length());
        break;
      }
      out.append(value, i, start);
      String name = value.substring(start + 2, end);
      String v = name.startsWith("env.") ? System.getenv(name.substring(4)) : System.getProperty(name);
      out.append(v != null ? v : value.substring(start, end + 1));
      i = end + 1;
    }
    return out.toString();
  }
}
