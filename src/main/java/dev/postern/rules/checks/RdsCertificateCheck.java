package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.DbInstance;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server certificate of each RDS instance: FAIL when it is signed by a retired certificate
 * authority ({@code retiredAuthorities}), or when it expires within {@code expiresWithinDays} of
 * now (already expired included). "Now" comes from the clock the check is built with, so tests
 * are deterministic. Without {@code CertificateDetails.ValidTill} the expiry is UNKNOWN.
 */
public final class RdsCertificateCheck implements Check<RdsCertificateCheck.Params> {
  public record Params(Integer expiresWithinDays, List<String> retiredAuthorities) {
    public Params {
      retiredAuthorities = retiredAuthorities == null ? List.of() : List.copyOf(retiredAuthorities);
    }
  }

  private final Clock clock;

  public RdsCertificateCheck(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "rds-certificate";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.expiresWithinDays() == null || p.expiresWithinDays() < 0) {
      throw new IllegalArgumentException("'expiresWithinDays' is required (a whole number of days, 0 or more)");
    }
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    Instant now = clock.instant();
    Instant horizon = now.plus(Duration.ofDays(p.expiresWithinDays()));
    for (DbInstance d : graph.inventory().dbInstances()) {
      String ca = d.fields().getOrDefault("CACertificateIdentifier", d.fields().get("CertificateDetails.CAIdentifier"));
      String till = d.fields().get("CertificateDetails.ValidTill");
      String capture = DataStoreFieldCheck.capture(d);
      String fix = "aws rds modify-db-instance --region " + d.scope().region() + " --db-instance-identifier " + d.id()
          + " --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately";
      if (ca != null && p.retiredAuthorities().stream().anyMatch(r -> r.equalsIgnoreCase(ca))) {
        out.add(Verdict.fail(d.ref(), "", d.ref().label() + " uses certificate authority " + ca
            + ", which AWS has retired: clients that verify the server certificate fail, clients that do not verify it cannot tell the database from an impostor", fix));
        continue;
      }
      if (till == null) {
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": its record does not say when its server certificate expires"
            + " (CertificateDetails.ValidTill absent" + (ca == null ? ", CACertificateIdentifier too" : "; CA " + ca)
            + "); capture it whole: " + capture));
        continue;
      }
      Instant expiry;
      try {
        expiry = Instant.parse(till);
      } catch (DateTimeParseException e) {
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": CertificateDetails.ValidTill is not a time (" + till + "); capture it whole: " + capture));
        continue;
      }
      String caText = ca == null ? "" : " (CA " + ca + ")";
      if (expiry.isBefore(horizon)) {
        String when = expiry.isBefore(now) ? "expired on " + day(expiry) : "expires on " + day(expiry) + ", within " + p.expiresWithinDays() + " days";
        out.add(Verdict.fail(d.ref(), "", d.ref().label() + ": its server certificate" + caText + " " + when
            + "; rotate it to a current CA before clients that verify it start failing", fix));
      } else {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + ": its server certificate" + caText + " is valid until " + day(expiry)));
      }
    }
    return out;
  }

  private static String day(Instant i) {
    return i.toString().substring(0, 10).toLowerCase(Locale.ROOT);
  }
}
