package io.distillwatch.node.metrics;

import java.util.Properties;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** A Flink metric reporter that hands metrics to the JVM's {@link NodeMetrics}. */
public final class NodeMetricsReporter implements MetricReporter {
  /** Name under which the node registers the reporter ({@code metrics.reporter.node.factory.class}). */
  public static final String NAME = "node";

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    NodeMetrics.jvm().added(metricName, metric);
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    NodeMetrics.jvm().removed(metricName, metric);
  }

  /** Factory Flink loads by class name (registered in META-INF/services). */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new NodeMetricsReporter();
    }
  }
}
