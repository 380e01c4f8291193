package org.mosipmigrate.objects;

import java.util.List;
import java.util.regex.Pattern;

/** Source bucket selection from {@code source.objectStore.buckets} globs; absent = every bucket. */
public final class BucketFilter {
    private final List<String> globs;
    private final List<Pattern> patterns;

    public BucketFilter(List<String> globs) {
        this.globs = globs == null || globs.isEmpty() ? List.of("*") : List.copyOf(globs);
        this.patterns = this.globs.stream().map(g -> Pattern.compile(globToRegex(g))).toList();
    }

    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    public boolean matches(String bucket) {
        return patterns.stream().anyMatch(p -> p.matcher(bucket).matches());
    }

    /** When every entry is a plain name, those buckets are the selection and no bucket listing is needed. */
    public List<String> exactNames() {
        return globs.stream().allMatch(g -> g.indexOf('*') < 0 && g.indexOf('?') < 0) ? globs : null;
    }

    @Override
    public String toString() {
        return String.join(", ", globs);
    }
}
