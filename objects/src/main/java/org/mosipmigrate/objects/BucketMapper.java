package org.mosipmigrate.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mosipmigrate.core.config.BucketRule;

/**
 * Where a source bucket's objects go: {@code bucketMapping} rules, first match wins, default = same name,
 * no prefix. A rule's {@code from} is a glob (letters, digits, {@code . _ -}, with {@code *}/{@code ?} each
 * becoming a group) or else a Java regex; {@code to} is {@code bucket} or {@code bucket/prefix} with
 * {@code $0}, {@code $1}.. references.
 */
public final class BucketMapper {
    /** A target place: bucket and key prefix ("" or ending where the source key is appended). */
    public record Location(String bucket, String prefix) {
        public String key(String sourceKey) {
            return prefix + sourceKey;
        }
    }

    private record Rule(Pattern from, String to) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public BucketMapper(List<BucketRule> config) {
        for (BucketRule r : config) {
            rules.add(new Rule(Pattern.compile(toRegex(r.from())), r.to()));
        }
    }

    public static String toRegex(String from) {
        if (!from.matches("[A-Za-z0-9*?._-]+")) {
            return from;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : from.toCharArray()) {
            switch (c) {
                case '*' -> sb.append("(.*)");
                case '?' -> sb.append("(.)");
                case '.' -> sb.append("\\.");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    public Location map(String bucket) {
        for (Rule r : rules) {
            Matcher m = r.from().matcher(bucket);
            if (m.matches()) {
                String t = m.replaceFirst(r.to());
                int slash = t.indexOf('/');
                return slash < 0 ? new Location(t, "") : new Location(t.substring(0, slash), t.substring(slash + 1));
            }
        }
        return new Location(bucket, "");
    }

    public boolean isIdentity() {
        return rules.isEmpty();
    }
}
