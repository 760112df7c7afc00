package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.model.OptionSetting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redaction of one option value: what goes (and as which kind), and what must stay. */
class RedactorTest {
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      DBPassword         | PlantedRdsPw5                                                  | literal value
      DB_PASSWORD        | PlantedCustomPw6                                               | literal value
      DB_PW              | PlantedUnderscorePw7                                           | literal value
      MYSQL_PWD          | PlantedPwd8                                                    | literal value
      SMTP_PASS          | PlantedSmtpPass9                                               | literal value
      PGPASSWORD         | PlantedPgPassword                                              | literal value
      JWT_SECRET         | PlantedJwtSecret                                               | literal value
      API_TOKEN          | 5f0c7e1a-1111-2222-3333-444455556666                            | literal value
      SECRET_KEY_BASE    | 0123456789abcdef0123456789abcdef                               | literal value
      db.pwd             | PlantedDottedPwd                                               | literal value
      GREETING           | ghp_PlantedFixture0123456789abcdefghijKL                       | GitHub personal access token
      NOTES              | eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFudGVkLWZpeHR1cmUifQ.c2lnbmF0dXJlLXBsYW50ZWQtZml4dHVyZQ | JSON Web Token
      CHAT_HOOK          | https://hooks.slack.com/services/T00000000/B00000000/PlantedFixtureXXXXXXXXXXXX | Slack webhook URL
      BOT                | xoxb-1234567890-1234567890123-PlantedFixtureToken              | Slack bot token
      WHO                | AKIAPLANTEDFIXTURE23                                           | AWS access key id
      OTHER              | wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY                       | AWS secret access key (40-character shape)
      BILLING            | sk_live_PlantedFixture0123456789                               | Stripe secret key
      CACHE              | redis://:PlantedRedisPw3@cache.internal:6379                   | password in a connection URL
      DATABASE_URL       | postgres://app:PlantedPgPw4@db.internal:5432/app               | password in a connection URL
      DB_DSN             | postgres://app:PlantedPgPw4@db.internal:5432/app               | password in a connection URL
      JAVA_OPTS          | -Xmx512m -Dspring.datasource.password=PlantedJavaOptsPw1 -Dfile.encoding=UTF-8 | value of -Dspring.datasource.password
      SETTINGS           | Server=db.internal;Database=app;User Id=app;Password=PlantedPairPw2; | value of Password
      CONFIG_JSON        | {"host": "db.internal", "db_password": "PlantedJsonPw"}        | value of db_password
      EnvironmentVariables | RDS_HOSTNAME=db.internal,RDS_PASSWORD=PlantedCfnPw,RDS_PORT=3306 | value of RDS_PASSWORD
      """)
  void removesTheSecretAndNamesItsKind(String name, String value, String kind) {
    String secret = value.contains("Planted") ? value.replaceAll(".*?(Planted\\w*).*", "$1") : value;
    String redacted = Redactor.redactValue(name, value);
    assertFalse(redacted.contains(secret), redacted);
    assertTrue(OptionSetting.redactedKinds(redacted).contains(kind), redacted);
    assertEquals(redacted, Redactor.redactValue(name, redacted), "a second pass (a snapshot read back) changes nothing");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      EC2KeyName            | quickstart-key
      SSLCertificateArns    | arn:aws:acm:us-east-1:123456789012:certificate/06626dc4-b50e-4fba-b375-25dffd180366
      KMS_KEY               | 1234abcd-12ab-34cd-56ef-1234567890ab
      KMS_KEY_ARN           | arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
      DB_PASSWORD           | arn:aws:secretsmanager:us-east-1:123456789012:secret:db
      DB_PASSWORD           | ${DB_PASSWORD}
      DB_PASSWORD_SECRET_ARN| arn:aws:secretsmanager:us-east-1:123456789012:secret:db
      PASSWORD_MIN_LENGTH   | 12
      TOKEN_TTL             | 3600
      TOKENIZERS_PARALLELISM| false
      TOKEN_URL             | https://auth.example.com/oauth2/token
      RDS_HOSTNAME          | awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1.aaaaaaaaaa.us-east-1.rds.amazonaws.com
      RDS_PORT              | 3306
      RDS_USERNAME          | ebroot
      SecurityGroups        | sg-18b12974be05d304b
      SSHSourceRestriction  | tcp,22,22,0.0.0.0/0
      ManagedActionsEnabled | true
      GIT_COMMIT            | 3f786850e387550fdab836ed7e6dc881de23001b
      JAVA_OPTS             | -Xmx512m -Dfile.encoding=UTF-8 -Dspring.profiles.active=prod
      DATABASE_URL          | postgres://db.internal:5432/app
      DB_CONNECTION_STRING  | jdbc:mysql://db.internal:3306/app?useSSL=true
      IamInstanceProfile    | aws-elasticbeanstalk-ec2-role
      SSLPolicy             | ELBSecurityPolicy-TLS13-1-2-2021-06
      ListenerEnabled       | false
      CACHE_BYPASS          | redis
      DB_PASSWORD           | <redacted by postern: literal value>
      """)
  void keepsOrdinaryValues(String name, String value) {
    assertEquals(value, Redactor.redactValue(name, value));
  }

  @org.junit.jupiter.api.Test
  void aPrivateKeyGoesWholeEvenWithoutItsEndLine() {
    String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplantedfixturekeymaterial0123456789abcdef\n-----END RSA PRIVATE KEY-----";
    assertEquals("cert: " + OptionSetting.mark("PEM private key") + " end", Redactor.redactValue("TLS_MATERIAL", "cert: " + key + " end"));
    String truncated = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABlwAAAAdzc2gtcn";
    assertEquals(OptionSetting.mark("PEM private key"), Redactor.redactValue("DEPLOY", truncated));
  }

  @org.junit.jupiter.api.Test
  void aNumericUrlPasswordIsStillAPassword() {
    assertEquals("amqp://guest:" + OptionSetting.mark("password in a connection URL") + "@mq.internal:5672",
        Redactor.redactValue("QUEUE", "amqp://guest:12345@mq.internal:5672"));
    assertEquals("postgres://app:${DB_PASSWORD}@db.internal/app", Redactor.redactValue("DATABASE_URL", "postgres://app:${DB_PASSWORD}@db.internal/app"));
  }

  /** Values are attacker-controlled input: a long one is read in time proportional to its length. */
  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.Timeout(30) // linear takes well under a second here; the margin is for a shared, busy machine
  void longAdversarialValuesAreReadInLinearTime() {
    int n = 200_000;
    for (String unit : new String[] {"a.", "a", "ey", "A/b+", "x=", "\"k\":\"", "a://", "-----BEGIN PRIVATE KEY-----", "xoxb-1-"}) {
      String value = unit.repeat(n / unit.length());
      assertEquals(value.length() > 0, !Redactor.redactValue("NOTES", value).isEmpty());
      Redactor.scrub(value);
    }
  }

  @org.junit.jupiter.api.Test
  void scrubbingFreeTextRemovesShapesAndPairs() {
    String message = "sg.json:3: Unrecognized token 'ghp_PlantedFixture0123456789abcdefghijKL': was expecting ... near password=PlantedErr";
    String scrubbed = Redactor.scrub(message);
    assertFalse(scrubbed.contains("ghp_PlantedFixture"), scrubbed);
    assertFalse(scrubbed.contains("PlantedErr"), scrubbed);
    assertTrue(scrubbed.startsWith("sg.json:3: Unrecognized token '"), scrubbed);
  }
}
