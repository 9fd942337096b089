package org.gleaner.kafka.embedded;

import java.lang.reflect.Method;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Lowers the broker's loggers to WARN, through reflection so that this module does not force a logging
 * backend on its users. Only loggers whose level the application left unset are touched.
 */
final class QuietLogging {

    /** Logger name and the level it gets (the controller logs each activation at WARN: routine here). */
    static final String[][] LOGGERS = {
        {"kafka", "WARN"},
        {"org.apache.kafka", "WARN"},
        {"state.change.logger", "WARN"},
        {"org.apache.kafka.controller.QuorumController", "ERROR"},
    };

    private QuietLogging() {
    }

    static void apply() {
        try {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            String name = factory.getClass().getName();
            if (name.equals("ch.qos.logback.classic.LoggerContext")) {
                logback(factory);
            } else if (name.startsWith("org.apache.logging.slf4j")) {
                log4j2();
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Logging configuration is a convenience; never fail the broker for it.
        }
    }

    private static void logback(ILoggerFactory factory) throws ReflectiveOperationException {
        ClassLoader cl = factory.getClass().getClassLoader();
        Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, cl);
        for (String[] entry : LOGGERS) {
            Object logger = factory.getLogger(entry[0]);
            Method getLevel = logger.getClass().getMethod("getLevel");
            if (getLevel.invoke(logger) == null) {
                Object level = levelClass.getField(entry[1]).get(null);
                logger.getClass().getMethod("setLevel", levelClass).invoke(logger, level);
            }
        }
    }

    private static void log4j2() throws ReflectiveOperationException {
        ClassLoader cl = QuietLogging.class.getClassLoader();
        Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", true, cl);
        Object context = logManager.getMethod("getContext", boolean.class).invoke(null, false);
        Class<?> coreContext = Class.forName("org.apache.logging.log4j.core.LoggerContext", true, cl);
        if (!coreContext.isInstance(context)) {
            return;
        }
        Object configuration = coreContext.getMethod("getConfiguration").invoke(context);
        Object loggers = configuration.getClass().getMethod("getLoggers").invoke(configuration);
        Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level", true, cl);
        Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", true, cl);
        Method setLevel = configurator.getMethod("setLevel", String.class, levelClass);
        for (String[] entry : LOGGERS) {
            if (!((java.util.Map<?, ?>) loggers).containsKey(entry[0])) {
                setLevel.invoke(null, entry[0], levelClass.getField(entry[1]).get(null));
            }
        }
    }
}
