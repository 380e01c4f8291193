package org.mosipmigrate.verify;

/** The count of one kind of schema object in one database on each compared side (null = not compared). */
public record CensusResult(String db, String kind, Long source, Long manifest, Long target, boolean matches) {
}
