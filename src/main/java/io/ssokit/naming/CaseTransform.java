package io.ssokit.naming;

import io.ssokit.text.PyText;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The choices of {@code --account-name-case} / {@code --role-name-case}, with the semantics of
 * the Python {@code str} method of the same name (see {@link PyText}). Each is also a Mustache
 * section helper of the same name: {@code {{#title}}{{role_name}}{{/title}}}.
 */
public enum CaseTransform {
    UPPER(PyText::upper),
    LOWER(PyText::lower),
    /** Aggressive lowercase for caseless matching: {@code ß} → {@code ss}. */
    CASEFOLD(PyText::casefold),
    /** First character titlecased, the rest lowercased. */
    CAPITALIZE(PyText::capitalize),
    /** Titlecase after every uncased character (digits too): {@code my-account_2x} → {@code My-Account_2X}. */
    TITLE(PyText::title);

    private final UnaryOperator<String> function;

    CaseTransform(UnaryOperator<String> function) {
        this.function = function;
    }

    public String apply(String s) {
        return function.apply(s);
    }

    /** The spelling used on the command line and as the template helper name. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaseTransform fromOption(String value) {
        for (CaseTransform t : values()) {
            if (t.optionValue().equals(value)) {
                return t;
            }
        }
        throw new SsokitException(ExitCodes.USAGE, "invalid case transform '" + value + "' (choose from "
                + Arrays.stream(values()).map(CaseTransform::optionValue).collect(Collectors.joining(", ")) + ")");
    }
}
