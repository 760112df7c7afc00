package dev.postern.model;

/**
 * What decided the exit code, for the reports to say: {@code failOn} the threshold ("none" for
 * report-only), {@code exitCode} and {@code reason} in words ("3 FAIL at or above high").
 */
public record Gate(String failOn, int exitCode, String reason) {}
