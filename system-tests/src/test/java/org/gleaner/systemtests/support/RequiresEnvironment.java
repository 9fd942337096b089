package org.gleaner.systemtests.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares what a system test needs from the machine. When something is missing the test is skipped
 * with a message saying what, unless the environment variable {@code CI} is {@code "true"}: in CI a
 * missing requirement fails the test instead, so that a broken runner never passes by skipping.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(EnvironmentCondition.class)
public @interface RequiresEnvironment {

    /** A Docker engine that answers. */
    boolean docker() default false;

    /**
     * Executables that must be on the PATH; {@code "kcat|kafkacat"} accepts either name.
     */
    String[] commands() default {};
}
