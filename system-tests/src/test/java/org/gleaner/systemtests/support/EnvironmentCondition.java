package org.gleaner.systemtests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The JUnit 5 condition behind {@link RequiresEnvironment}. */
public final class EnvironmentCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresEnvironment> annotation =
                AnnotationSupport.findAnnotation(context.getElement(), RequiresEnvironment.class);
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no environment requirements");
        }
        List<String> missing = new ArrayList<>();
        if (annotation.get().docker()) {
            Environment.dockerProblem().ifPresent(p -> missing.add("Docker (" + p + ")"));
        }
        for (String command : annotation.get().commands()) {
            if (Environment.findCommand(command).isEmpty()) {
                missing.add("the command " + command.replace("|", " or ") + " on the PATH");
            }
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("environment available");
        }
        String what = String.join(", ", missing);
        if (Environment.isCi()) {
            throw new IllegalStateException("CI=true but this machine lacks " + what
                    + ". System tests must run in CI; see .ci/run.");
        }
        return ConditionEvaluationResult.disabled("Skipped: this machine lacks " + what
                + " (set CI=true to make this a failure).");
    }
}
