package io.kaml.serve.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The secret a client must send as {@code Authorization: Bearer <token>}. It is read from a file or an
 * environment variable and never taken from a command line, where any user of the machine could read
 * it in the process list. It is checked on load (long enough, only the characters a bearer token may
 * hold), so a stray quote or space fails at start-up instead of making every request a 401.
 */
public final class BearerToken {
    /** 16 characters of a random hex or base64 string are 64 bits or more: out of reach of guessing over HTTP. */
    static final int MIN_LENGTH = 16;
    /** RFC 6750's b64token. */
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** The token in {@code file}, without surrounding whitespace (so the newline an editor or {@code echo} adds does not count). */
    public static BearerToken fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e);
        }
        return checked(text.strip(), "the token file " + file);
    }

    /** The token in the environment variable {@code name}. */
    public static BearerToken fromEnvironment(String name) {
        return fromEnvironment(name, System.getenv());
    }

    static BearerToken fromEnvironment(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the environment variable " + name + " holding the token is not set");
        }
        return checked(value.strip(), "the environment variable " + name);
    }

    private static BearerToken checked(String token, String source) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(source + " holds a token of " + token.length() + " characters; use at least " + MIN_LENGTH
                    + ", e.g. the output of 'openssl rand -hex 32'");
        }
        if (!SYNTAX.matcher(token).matches()) {
            throw new IllegalArgumentException(source + " holds characters a bearer token cannot have: use letters, digits and - . _ ~ + /"
                    + " (with = only at the end), e.g. the output of 'openssl rand -hex 32'");
        }
        return new BearerToken(token);
    }

    /**
     * Whether an {@code Authorization} header value carries this token. Digests are compared, in time that
     * does not depend on where they differ, so response times tell an attacker nothing about the token.
     */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Never the token: options and logs print this. */
    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
