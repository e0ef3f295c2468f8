/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), before the kernel's jar on the class path:
 * a rendered value always has a text/plain form (see render; README, "Kernel fixes"), and an image's text
 * alternative is sent with it (image.ImageAlt). Otherwise unchanged.
 */
package org.rapaio.jupyter.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

import org.rapaio.jupyter.kernel.display.image.DefaultImageDisplayRenderer;
import org.rapaio.jupyter.kernel.display.image.ImageAlt;
import org.rapaio.jupyter.kernel.display.sequence.DefaultCollectionDisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import org.rapaio.jupyter.kernel.display.table.DefaultTableDisplayRenderer;
import org.rapaio.jupyter.kernel.display.table.MapTableTransformer;
import org.rapaio.jupyter.kernel.display.table.OptionsTableTransformer;

/**
 * This class is responsible with the display of objects in the notebook cell's output.
 */
public final class DisplaySystem {

    private static final DisplaySystem inst = new DisplaySystem();

    public static DisplaySystem inst() {
        return inst;
    }

    private final List<DisplayTransformer> spiDisplayTransformers = new ArrayList<>();
    private final List<DisplayRenderer> spiDisplayRenderers = new ArrayList<>();

    private final List<DisplayTransformer> systemDisplayTransformers = new ArrayList<>();
    private final List<DisplayRenderer> systemDisplayRenderers = new ArrayList<>();

    private final DefaultDisplayRenderer defaultDisplayRenderer = new DefaultDisplayRenderer();

    private final ServiceLoader<DisplayProvider> displayLoader;

    private DisplaySystem() {
        systemDisplayRenderers.add(new DefaultCollectionDisplayRenderer());
        systemDisplayRenderers.add(new DefaultImageDisplayRenderer());
        systemDisplayRenderers.add(new DefaultTableDisplayRenderer());

        systemDisplayTransformers.add(new MapTableTransformer());
        systemDisplayTransformers.add(new OptionsTableTransformer());

        displayLoader = ServiceLoader.load(DisplayProvider.class);

        refreshSpiDisplayHandlers();
    }

    public void refreshSpiDisplayHandlers() {
        displayLoader.reload();

        spiDisplayTransformers.clear();
        spiDisplayRenderers.clear();

        displayLoader.stream()
                .flatMap(provider -> provider.get().getDisplayTransformers().stream())
                .forEach(spiDisplayTransformers::add);
        displayLoader.stream()
                .flatMap(provider -> provider.get().getDisplayRenderers().stream())
                .forEach(spiDisplayRenderers::add);
    }

    /**
     * Produces the display data which will be passed to the notebook cell's output
     * from an object. The mime type is determined by the global configuration.
     *
     * @param o object to be rendered
     * @return produced display data
     */
    public DisplayData render(Object o) {
        return render(null, o);
    }

    /**
     * Produces the display data which will be passed to the notebook cell's output
     * from an object and an optional mime type.
     *
     * @param mime desired mime type of the display data
     * @param o    object to be rendered
     * @return produced display data
     */
    public DisplayData render(String mime, Object o) {
        return ImageAlt.carry(withPlainText(renderUpstream(mime, o), o), o);
    }

    /**
     * Kit fix: every rendering of a value carries text/plain besides its rich form (upstream: text/html only for a
     * plain object, so nbconvert's text/markdown output, the console and jupyter_kernel_test saw nothing). Images
     * keep only their image data.
     */
    private static DisplayData withPlainText(DisplayData dd, Object o) {
        if (dd == null || dd.data().containsKey("text/plain")) {
            return dd;
        }
        for (String key : dd.data().keySet()) {
            if (key.startsWith("image/")) {
                return dd;
            }
        }
        dd.putText(String.valueOf(o));
        return dd;
    }

    private DisplayData renderUpstream(String mime, Object o) {

        DisplayData dd = tryRender(mime, o);
        if (dd != null) {
            return dd;
        }

        for (var transformer : spiDisplayTransformers) {
            if (transformer.canTransform(o)) {
                Object transformed = transformer.transform(o);
                dd = tryRender(mime, transformed);
                if (dd != null) {
                    return dd;
                }
            }
        }
        for (var transformer : systemDisplayTransformers) {
            if (transformer.canTransform(o)) {
                Object transformed = transformer.transform(o);
                dd = tryRender(mime, transformed);
                if (dd != null) {
                    return dd;
                }
            }
        }
        return withId(defaultDisplayRenderer.render(mime, o));
    }

    private DisplayData tryRender(String mime, Object o) {
        for (var renderer : spiDisplayRenderers) {
            if (renderer.rendererClass().isAssignableFrom(o.getClass())) {
                if (renderer.canRender(mime)) {
                    return withId(renderer.render(mime, o));
                }
            }
        }
        for (var renderer : systemDisplayRenderers) {
            if (renderer.rendererClass().isAssignableFrom(o.getClass())) {
                return withId(renderer.render(mime, o));
            }
        }
        return null;
    }

    private DisplayData withId(DisplayData displayData) {
        if (!displayData.hasDisplayId()) {
            displayData.setDisplayId(UUID.randomUUID().toString());
        }
        return displayData;
    }
}
