package org.zonetrust.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses the testbed: parameters of type {@link Testbed} are resolved with
 * the testbed shared by the whole test JVM, and server logs are copied under {@code
 * target/testbed-logs/} when a test fails.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestbedExtension.class)
public @interface WithTestbed {}
