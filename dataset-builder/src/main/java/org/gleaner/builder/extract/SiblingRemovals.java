package org.gleaner.builder.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Removes elements judged in reverse document order, holding back a run of removals from the same parent and
 * taking them out in one pass over that parent's children. Removing one child makes jsoup re-index all its
 * siblings at the next sibling lookup, so removing a run of k siblings one by one, each followed by a look at
 * the sibling before it, costs k passes over the children; the held-back run costs one.
 *
 * <p>Held-back elements are still attached: only the run parent and the elements around it can notice, so
 * {@link #beforeJudging} carries the run out before any of them is judged. Elements judged between (earlier
 * siblings and what is inside them) see exactly the tree they would see had the run already gone.
 */
final class SiblingRemovals {
    private final List<Element> run = new ArrayList<>();
    private Element runParent;

    /** To be called before judging each element, in reverse document order. */
    void beforeJudging(Element e) {
        if (run.isEmpty()) {
            return;
        }
        for (Element up = runParent; up != null; up = up.parent()) {
            if (up == e) {
                flush();
                return;
            }
        }
    }

    /** Removes {@code e}, which must come before every element given earlier, in document order. */
    void remove(Element e) {
        Element parent = e.parent();
        if (parent == null) {
            return;
        }
        if (parent != runParent) {
            flush();
            runParent = parent;
        }
        run.add(e);
    }

    /** Carries out the removals held back. */
    void flush() {
        if (run.size() == 1) {
            run.get(0).remove();
        } else if (run.size() > 1) {
            Set<Node> removed = Collections.newSetFromMap(new IdentityHashMap<>(run.size() * 2));
            removed.addAll(run);
            List<Node> kept = new ArrayList<>(runParent.childNodeSize() - run.size());
            for (Node child : runParent.childNodes()) {
                if (!removed.contains(child)) {
                    kept.add(child);
                }
            }
            runParent.empty(); // detaches every child, the removed ones for good
            runParent.appendChildren(kept);
        }
        run.clear();
        runParent = null;
    }
}
