package dev.beliefs.pipeline;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients that address buckets by path ({@code http://host:port/bucket/key}) rather than by host
 * name ({@code http://bucket.host:port/key}), for S3-compatible servers (S3Mock, MinIO) at an
 * {@code --endpoint} whose host name has no per-bucket subdomains, such as {@code localhost}.
 * Select it with {@code
 * --s3ClientFactoryClass=dev.beliefs.pipeline.PathStyleS3ClientBuilderFactory}; an IP-address
 * endpoint needs no such thing, since the SDK then uses paths by itself.
 */
public class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
  }
}
