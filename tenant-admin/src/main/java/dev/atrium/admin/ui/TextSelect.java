package dev.atrium.admin.ui;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.AbstractSinglePropertyField;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.function.SerializableFunction;

/**
 * A select of plain-text options that the browser makes from a list of labels (the {@code vaadin-select} element's
 * items), where Vaadin's {@code Select} makes a server-side component per option, with its state, for as long as the
 * page shows: for short lists on pages every member opens, such as a filter. The first option stands for "none" (an
 * empty value). The labels are sent whenever the select is put into the page and not kept as the element's property:
 * the server never reads them back, and the session would keep them for as long as the page shows.
 *
 * @param <T> the options' type; the value is one of the options, or null for the first
 */
@Tag("vaadin-select")
@JsModule("@vaadin/select/src/vaadin-select.js")
public class TextSelect<T> extends AbstractSinglePropertyField<TextSelect<T>, @Nullable T> implements HasAriaLabel {

    private List<T> options = List.of();
    private String noneLabel = "";
    private SerializableFunction<T, String> label = String::valueOf;

    /** The option the browser shows: its position among the options, "" for none. */
    private record Option(String label, String value) implements Serializable {
    }

    public TextSelect() {
        super("value", null, String.class, TextSelect::optionAt, TextSelect::positionOf);
        // Again at every attach: a new element in the browser (or a resynchronised one) has no items yet.
        getElement().addAttachListener(e -> sendOptions());
    }

    /** Shows {@code noneLabel} and then the {@code options}, each labelled by {@code label}. */
    public void setOptions(String noneLabel, List<T> options, SerializableFunction<T, String> label) {
        this.options = List.copyOf(options);
        this.noneLabel = noneLabel;
        this.label = label;
        if (getElement().getNode().isAttached()) {
            sendOptions();
        }
        setValue(null);
    }

    private void sendOptions() {
        List<Option> shown = new ArrayList<>(options.size() + 1);
        shown.add(new Option(noneLabel, ""));
        for (int i = 0; i < options.size(); i++) {
            shown.add(new Option(label.apply(options.get(i)), String.valueOf(i)));
        }
        getElement().executeJs("this.items = $0", shown);
    }

    /** The select's accessible name, as Vaadin's {@code Select} sets it. */
    @Override
    public void setAriaLabel(@Nullable String label) {
        getElement().setProperty("accessibleName", label);
    }

    @Override
    public Optional<String> getAriaLabel() {
        return Optional.ofNullable(getElement().getProperty("accessibleName"));
    }

    private @Nullable T optionAt(String position) {
        try {
            int index = Integer.parseInt(position);
            return index >= 0 && index < options.size() ? options.get(index) : null;
        } catch (NumberFormatException none) {
            return null;
        }
    }

    private String positionOf(@Nullable T option) {
        int index = option == null ? -1 : options.indexOf(option);
        return index < 0 ? "" : String.valueOf(index);
    }
}
