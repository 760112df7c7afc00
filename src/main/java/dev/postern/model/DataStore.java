package dev.postern.model;

import java.util.List;
import java.util.Map;

/** A database or cache: the data tier of the trust chain. */
public interface DataStore extends Resource {
  String engine();

  /** The port clients use; 0 when unknown. */
  int port();

  /** Host names clients connect to. */
  List<String> endpoints();

  List<String> groupIds();

  /** Short kind for messages: {@code rds}, {@code elasticache}. */
  String service();

  /**
   * Fields of the AWS record as read, keyed by their AWS name ({@code MasterUsername},
   * {@code IAMDatabaseAuthenticationEnabled}, nested ones dotted: {@code CertificateDetails.ValidTill}).
   * A field the record does not have is absent here, never a default: rules read absence as unknown.
   */
  Map<String, String> fields();
}
