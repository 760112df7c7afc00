package dev.postern.model;

import java.util.List;

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
}
