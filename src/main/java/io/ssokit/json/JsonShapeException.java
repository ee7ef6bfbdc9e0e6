package io.ssokit.json;

import java.io.IOException;

/**
 * Well-formed JSON of the wrong shape: not an object, a field of the wrong type, a required field
 * missing. The message names fields only, never values.
 */
public final class JsonShapeException extends IOException {
    private static final long serialVersionUID = 1L;

    public JsonShapeException(String message) {
        super(message);
    }
}
