package dev.postern.model;

/** Anything a rule can evaluate. */
public interface Resource {
  ResourceRef ref();
}
