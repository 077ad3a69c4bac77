package org.zonetrust.testbed;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link WithTestbed}: resolves {@link Testbed} parameters (test,
 * lifecycle and constructor parameters) with the testbed shared by the JVM, and copies the server
 * logs to {@code target/testbed-logs/<TestClass>/<test>/} when a test (or a class-level callback)
 * fails.
 */
public final class TestbedExtension
    implements ParameterResolver, AfterTestExecutionCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestbedExtension.class);
  private static final Path LOG_ROOT = Path.of("target", "testbed-logs");

  /** Creates the extension; JUnit does this for {@link WithTestbed} classes. */
  public TestbedExtension() {}

  /**
   * Supports parameters of type {@link Testbed}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test or container
   * @return whether the parameter is a {@link Testbed}
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Testbed.class;
  }

  /**
   * Returns the shared testbed, starting it on first use; the root store stops it when the test run
   * ends.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test or container
   * @return the running testbed
   * @throws TestbedException when a server is missing or does not start
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Testbed testbed = SharedTestbed.get();
    extensionContext
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Stopper.class, key -> new Stopper(), Stopper.class);
    return testbed;
  }

  /**
   * Copies the logs when the test failed.
   *
   * @param context the finished test
   */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      copyLogs(context, testName(context));
    }
  }

  /**
   * Copies the logs when a class-level callback or the class itself failed.
   *
   * @param context the finished test class
   */
  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      copyLogs(context, "class");
    }
  }

  private static void copyLogs(ExtensionContext context, String test) {
    Testbed testbed = SharedTestbed.current();
    if (testbed == null) {
      return;
    }
    Class<?> testClass = context.getRequiredTestClass();
    String packageName = testClass.getPackageName();
    String className =
        packageName.isEmpty()
            ? testClass.getName()
            : testClass.getName().substring(packageName.length() + 1);
    Path target = LOG_ROOT.resolve(LogCopier.safe(className)).resolve(LogCopier.safe(test));
    LogCopier.copy(testbed.logDirectory(), target);
  }

  private static String testName(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    String name = method.map(Method::getName).orElse(context.getDisplayName());
    String display = context.getDisplayName();
    if (method.isPresent() && !display.equals(name + "()") && !display.startsWith(name + "(")) {
      name = name + "-" + display; // parameterized or repeated invocation
    }
    return name;
  }

  /** Root-store value: closed by JUnit when the whole test run ends. */
  private static final class Stopper implements AutoCloseable {
    @Override
    public void close() {
      SharedTestbed.stop();
    }
  }
}
